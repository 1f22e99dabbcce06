/**
 * The bundled pictogram set: a curated choice from Microsoft Fluent Emoji (flat style, MIT
 * licence) for what user councils talk about. The pictures live in public/pictograms/<id>.svg,
 * written by scripts/pictograms.mjs from this list; ids are stored on agenda items, so an id
 * never changes meaning once shipped (add a new id instead).
 *
 * Pictures are decorative: they always stand beside visible text, and `da` is the word shown
 * and read aloud when a picture is chosen without a title.
 */

export const PICTOGRAM_CATEGORIES = [
  { id: 'meeting', da: 'Mødet', en: 'The meeting' },
  { id: 'council', da: 'Råd og valg', en: 'Council and elections' },
  { id: 'food', da: 'Mad og måltider', en: 'Food and meals' },
  { id: 'money', da: 'Penge', en: 'Money' },
  { id: 'home', da: 'Bolig og hjem', en: 'Home and housing' },
  { id: 'leisure', da: 'Ture og fritid', en: 'Trips and leisure' },
  { id: 'health', da: 'Sundhed', en: 'Health' },
  { id: 'rules', da: 'Regler og sikkerhed', en: 'Rules and safety' },
  { id: 'people', da: 'Mennesker', en: 'People' },
  { id: 'time', da: 'Tid og kalender', en: 'Time and calendar' },
  { id: 'communication', da: 'Kommunikation', en: 'Communication' },
  { id: 'feelings', da: 'Følelser', en: 'Feelings' },
  { id: 'weather', da: 'Vejr og årstider', en: 'Weather and seasons' },
  { id: 'transport', da: 'Transport', en: 'Transport' },
  { id: 'work', da: 'Arbejde og aktiviteter', en: 'Work and activities' },
] as const

export type PictogramCategory = (typeof PICTOGRAM_CATEGORIES)[number]['id']

export interface Pictogram {
  /** kebab-case, ^[a-z0-9-]{1,64}$; the file name in public/pictograms and the stored value */
  id: string
  /** the fluent-emoji-flat icon name */
  source: string
  category: PictogramCategory
  /** the Danish name shown and read aloud */
  da: string
  en: string
  /** search words: synonyms and inflections */
  words: { da: string[]; en: string[] }
}

/** id, source, Danish name, English name, Danish words, English words (comma-separated) */
type Row = readonly [string, string, string, string, string, string]

const ROWS: Record<PictogramCategory, readonly Row[]> = {
  meeting: [
    ['welcome', 'waving-hand', 'Velkommen', 'Welcome', 'velkommen, goddag, hej, hilse, start, åbning, farvel', 'welcome, hello, hi, greeting, opening, goodbye'],
    ['agenda', 'clipboard', 'Dagsorden', 'Agenda', 'dagsorden, dagsordenen, punkter, punkt, program, emner', 'agenda, items, item, programme, topics'],
    ['agenda-approval', 'check-mark-button', 'Godkendelse af dagsorden', 'Approval of the agenda', 'godkendelse, godkende, godkendt, dagsorden, i orden, ok', 'approval, approve, approved, agenda, ok'],
    ['minutes', 'memo', 'Referat', 'Minutes', 'referat, referatet, referent, notater, skrive ned', 'minutes, notes, record, write down'],
    ['any-other-business', 'thought-balloon', 'Eventuelt', 'Any other business', 'eventuelt, andet, noget på hjerte, løst og fast', 'any other business, other, aob, anything else'],
    ['next-meeting', 'spiral-calendar', 'Næste møde', 'Next meeting', 'næste møde, mødedato, dato, møde, møder', 'next meeting, meeting date, date, meeting'],
    ['place', 'round-pushpin', 'Sted', 'Place', 'sted, mødested, adresse, hvor, lokale, lokalet', 'place, venue, address, where, room'],
    ['news', 'newspaper', 'Nyt', 'News', 'nyt, nyheder, siden sidst, nyt fra huset, orientering, avis', 'news, since last time, newspaper, update'],
    ['thanks', 'heart-hands', 'Tak', 'Thank you', 'tak, tak for i dag, taknemmelig, afslutning', 'thanks, thank you, grateful, closing'],
  ],
  council: [
    ['council', 'busts-in-silhouette', 'Rådsmøde', 'Council meeting', 'rådsmøde, råd, rådet, brugerråd, brugerrådet, beboerråd, centerråd, møde', 'council, council meeting, user council, meeting'],
    ['member', 'bust-in-silhouette', 'Medlem', 'Member', 'medlem, medlemmer, rådsmedlem, suppleant', 'member, members, deputy'],
    ['chair', 'office-worker', 'Formand', 'Chair', 'formand, formanden, forkvinde, mødeleder, ordstyrer, næstformand', 'chair, chairperson, chairman, vice chair'],
    ['secretary', 'technologist', 'Sekretær', 'Secretary', 'sekretær, sekretæren, referent', 'secretary, minute taker'],
    ['election', 'ballot-box-with-ballot', 'Valg', 'Election', 'valg, valget, vælge, stemmeboks, kandidat, kandidater, opstille', 'election, elect, ballot box, candidate, candidates'],
    ['vote', 'person-raising-hand', 'Afstemning', 'Vote', 'afstemning, stemme, stemmer, stemt, stemme om, række hånden op, hånden op, flertal', 'vote, voting, votes, voted, vote on, raise your hand, show of hands, majority'],
    ['ballot-paper', 'check-box-with-check', 'Stemmeseddel', 'Ballot paper', 'stemmeseddel, stemmesedler, stemme, sæt kryds, kryds, brevstemme', 'ballot paper, ballot, vote, tick, cross, postal vote'],
    ['decision', 'balance-scale', 'Beslutning', 'Decision', 'beslutning, beslutte, besluttet, vælge, afgøre', 'decision, decide, decided, choose'],
    ['yes', 'check-mark', 'Ja', 'Yes', 'ja, enig, for, rigtigt', 'yes, agree, in favour, right'],
    ['no', 'cross-mark', 'Nej', 'No', 'nej, uenig, imod, forkert', 'no, disagree, against, wrong'],
    ['maybe', 'person-shrugging', 'Måske', 'Maybe', 'måske, ved ikke, usikker, blank', 'maybe, do not know, unsure, abstain'],
    ['agreement', 'handshake', 'Aftale', 'Agreement', 'aftale, aftaler, aftalt, samarbejde, enighed', 'agreement, agree, deal, cooperation'],
    ['opinion', 'megaphone', 'Din mening', 'Your say', 'mening, din mening, indflydelse, medbestemmelse, sige sin mening, høring', 'opinion, your say, influence, consultation'],
    ['municipality', 'classical-building', 'Kommunen', 'The municipality', 'kommune, kommunen, rådhus, rådhuset, byråd, politikere, udvalg', 'municipality, council, city hall, politicians, committee'],
    ['result', 'bar-chart', 'Resultat', 'Result', 'resultat, resultatet, optælling, tal, statistik', 'result, results, count, numbers, statistics'],
  ],
  food: [
    ['food', 'fork-and-knife-with-plate', 'Mad', 'Food', 'mad, maden, måltid, måltider, spise, spisning, restaurant', 'food, meal, meals, eat, eating, restaurant'],
    ['meal-plan', 'fork-and-knife', 'Madplan', 'Meal plan', 'madplan, madplanen, menu, menuen, ugens mad, ønsker til mad', 'meal plan, menu, weekly menu'],
    ['breakfast', 'cooking', 'Morgenmad', 'Breakfast', 'morgenmad, morgenmaden, æg, spejlæg', 'breakfast, egg, eggs'],
    ['lunch', 'sandwich', 'Frokost', 'Lunch', 'frokost, frokosten, madpakke, smørrebrød, sandwich', 'lunch, packed lunch, sandwich'],
    ['dinner', 'pot-of-food', 'Aftensmad', 'Dinner', 'aftensmad, aftensmaden, middag, varm mad, gryde', 'dinner, supper, hot meal, stew'],
    ['kitchen', 'cook', 'Køkken', 'Kitchen', 'køkken, køkkenet, kok, lave mad, madlavning, fælleskøkken', 'kitchen, cook, cooking, chef'],
    ['coffee', 'hot-beverage', 'Kaffe', 'Coffee', 'kaffe, kaffen, kop, varm drik, kakao, café, kaffepause', 'coffee, cup, hot drink, cocoa, cafe, coffee break'],
    ['tea', 'teapot', 'Te', 'Tea', 'te, teen, tekande', 'tea, teapot'],
    ['drinks', 'cup-with-straw', 'Drikkevarer', 'Drinks', 'drikke, drikkevarer, vand, saft, sodavand, juice', 'drink, drinks, water, squash, soda, juice'],
    ['milk', 'glass-of-milk', 'Mælk', 'Milk', 'mælk, mælken, glas mælk', 'milk, glass of milk'],
    ['bread', 'bread', 'Brød', 'Bread', 'brød, brødet, rugbrød, franskbrød, bager', 'bread, rye bread, bakery'],
    ['cake', 'shortcake', 'Kage', 'Cake', 'kage, kager, kagen, lagkage, dessert', 'cake, cakes, dessert'],
    ['cookies', 'cookie', 'Småkager', 'Biscuits', 'småkager, småkage, kiks, julesmåkager', 'biscuits, biscuit, cookies, cookie'],
    ['ice-cream', 'soft-ice-cream', 'Is', 'Ice cream', 'is, isen, softice, dessert', 'ice cream, dessert'],
    ['sweets', 'candy', 'Slik', 'Sweets', 'slik, bolsjer, chokolade, lørdagsslik', 'sweets, candy, chocolate'],
    ['fruit', 'tangerine', 'Frugt', 'Fruit', 'frugt, frugten, appelsin, mandarin, frugtordning', 'fruit, orange, tangerine'],
    ['apple', 'red-apple', 'Æble', 'Apple', 'æble, æbler, æblet', 'apple, apples'],
    ['banana', 'banana', 'Banan', 'Banana', 'banan, bananer', 'banana, bananas'],
    ['vegetables', 'broccoli', 'Grøntsager', 'Vegetables', 'grøntsager, grønt, broccoli, sund mad, vegetar', 'vegetables, greens, broccoli, healthy food, vegetarian'],
    ['carrot', 'carrot', 'Gulerod', 'Carrot', 'gulerod, gulerødder', 'carrot, carrots'],
    ['salad', 'green-salad', 'Salat', 'Salad', 'salat, salaten, salatbar', 'salad, salad bar'],
    ['potatoes', 'potato', 'Kartofler', 'Potatoes', 'kartofler, kartoffel', 'potatoes, potato'],
    ['meat', 'cut-of-meat', 'Kød', 'Meat', 'kød, kødet, bøf, steg', 'meat, steak, roast'],
    ['chicken', 'poultry-leg', 'Kylling', 'Chicken', 'kylling, kyllingen, kyllingelår', 'chicken, chicken leg'],
    ['fish', 'fish', 'Fisk', 'Fish', 'fisk, fisken, fiskefilet', 'fish, fillet'],
    ['soup', 'bowl-with-spoon', 'Suppe', 'Soup', 'suppe, suppen, grød, skål', 'soup, porridge, bowl'],
    ['pizza', 'pizza', 'Pizza', 'Pizza', 'pizza, pizzaer, fredagspizza, takeaway', 'pizza, takeaway'],
  ],
  money: [
    ['money', 'coin', 'Penge', 'Money', 'penge, pengene, kroner, mønt, mønter, økonomi, løn', 'money, coins, coin, finances, wages'],
    ['budget', 'ledger', 'Budget', 'Budget', 'budget, budgettet, regnskab, økonomi, udgifter', 'budget, accounts, finances, expenses'],
    ['payment', 'credit-card', 'Betaling', 'Payment', 'betaling, betale, betalingskort, kort, mobilepay', 'payment, pay, card, debit card'],
    ['pocket-money', 'purse', 'Lommepenge', 'Pocket money', 'lommepenge, pung, tegnebog, egne penge', 'pocket money, purse, wallet, own money'],
    ['price', 'label', 'Pris', 'Price', 'pris, priser, prisen, koster, hvad koster det', 'price, prices, cost'],
    ['bill', 'receipt', 'Regning', 'Bill', 'regning, regninger, kvittering, husleje, opkrævning', 'bill, bills, receipt, rent'],
    ['savings', 'money-bag', 'Opsparing', 'Savings', 'opsparing, spare, spare op, pengesæk', 'savings, save, save up'],
    ['expenses', 'money-with-wings', 'Udgifter', 'Expenses', 'udgifter, bruge penge, forbrug, dyrt', 'expenses, spending, expensive'],
    ['bank', 'bank', 'Bank', 'Bank', 'bank, banken, netbank, konto', 'bank, online banking, account'],
    ['shopping', 'shopping-cart', 'Indkøb', 'Shopping', 'indkøb, handle, handle ind, købe, supermarked, butik', 'shopping, buy, supermarket, shop'],
    ['goes-up', 'chart-increasing', 'Stiger', 'Goes up', 'stiger, stigning, mere, højere, flere', 'goes up, increase, more, higher'],
    ['goes-down', 'chart-decreasing', 'Falder', 'Goes down', 'falder, fald, mindre, lavere, færre, spare', 'goes down, decrease, less, lower, cut'],
  ],
  home: [
    ['house', 'house', 'Hus', 'House', 'hus, huset, hjem, hjemme, bolig, bosted, botilbud, lejlighed', 'house, home, housing, residence, flat'],
    ['room', 'bed', 'Værelse', 'Room', 'værelse, værelser, eget værelse, soveværelse, seng', 'room, own room, bedroom, bed'],
    ['common-room', 'couch-and-lamp', 'Fællesstue', 'Common room', 'fællesstue, stue, fællesrum, fælleshus, hygge', 'common room, living room, lounge'],
    ['furniture', 'chair', 'Møbler', 'Furniture', 'møbler, møbel, stol, stole, bord, borde', 'furniture, chair, chairs, table'],
    ['key', 'key', 'Nøgle', 'Key', 'nøgle, nøgler, nøglen, nøglebrik', 'key, keys, key fob'],
    ['door', 'door', 'Dør', 'Door', 'dør, døren, døre, indgang, udgang, nødudgang', 'door, entrance, exit, emergency exit'],
    ['cleaning', 'broom', 'Rengøring', 'Cleaning', 'rengøring, gøre rent, rent, feje, støvsuge, oprydning', 'cleaning, clean, sweep, hoover, tidy up'],
    ['laundry', 'basket', 'Vaskeri', 'Laundry', 'vaskeri, vasketøj, vaske tøj, vaskemaskine, tørretumbler, vasketid', 'laundry, washing, washing machine, dryer'],
    ['clothes', 't-shirt', 'Tøj', 'Clothes', 'tøj, tøjet, bluse, t-shirt, klæde sig på', 'clothes, clothing, shirt, t-shirt, dress'],
    ['shower', 'shower', 'Bad', 'Shower', 'bad, badet, brusebad, bade, badeværelse, vaske sig', 'shower, bath, bathroom, wash'],
    ['toilet', 'toilet', 'Toilet', 'Toilet', 'toilet, toilettet, wc, tissemand, handicaptoilet', 'toilet, loo, wc, restroom'],
    ['rubbish', 'wastebasket', 'Affald', 'Rubbish', 'affald, skrald, skraldespand, skraldet', 'rubbish, waste, bin, trash'],
    ['recycling', 'recycling-symbol', 'Sortering', 'Recycling', 'sortering, affaldssortering, genbrug, sortere', 'recycling, sorting, recycle'],
    ['repairs', 'hammer-and-wrench', 'Reparation', 'Repairs', 'reparation, reparere, reparationer, vedligehold, håndværker, i stykker', 'repairs, repair, fix, maintenance, broken'],
    ['garden', 'house-with-garden', 'Have', 'Garden', 'have, haven, udeareal, gård, gården, terrasse', 'garden, outdoor area, yard, terrace'],
    ['plants', 'potted-plant', 'Planter', 'Plants', 'planter, plante, blomster, potteplante', 'plants, plant, flowers, pot plant'],
    ['pets', 'dog-face', 'Kæledyr', 'Pets', 'kæledyr, dyr, hund, hunde, kat, katte, husdyr', 'pets, pet, animals, dog, cat'],
    ['neighbours', 'houses', 'Naboer', 'Neighbours', 'naboer, nabo, nabolag, kvarter, boligområde', 'neighbours, neighbour, neighbourhood, area'],
    ['moving', 'package', 'Flytning', 'Moving', 'flytning, flytte, flytte ind, flytte ud, pakke, pakker, kasser', 'moving, move in, move out, parcel, boxes'],
    ['elevator', 'elevator', 'Elevator', 'Lift', 'elevator, elevatoren, trapper', 'lift, elevator, stairs'],
    ['heating', 'thermometer', 'Varme', 'Heating', 'varme, varmen, temperatur, radiator, koldt, varmt', 'heating, temperature, radiator, cold, warm'],
    ['noise', 'speaker-high-volume', 'Larm', 'Noise', 'larm, støj, larmer, høj musik, høj lyd', 'noise, loud, loud music'],
    ['quiet', 'shushing-face', 'Ro', 'Quiet', 'ro, stille, stilhed, ro på, hvile, nattero', 'quiet, silence, calm, night rest'],
    ['television', 'television', 'Fjernsyn', 'Television', 'fjernsyn, tv, tv-stue, se tv', 'television, tv, tv room, watch tv'],
  ],
  leisure: [
    ['trip', 'backpack', 'Tur', 'Trip', 'tur, ture, udflugt, udflugter, rygsæk, tage på tur', 'trip, trips, outing, excursion, backpack'],
    ['walk', 'person-walking', 'Gåtur', 'Walk', 'gåtur, gå tur, gå, gåture, spadseretur', 'walk, walking, stroll'],
    ['beach', 'beach-with-umbrella', 'Strand', 'Beach', 'strand, stranden, badetur, hav, havet', 'beach, seaside, sea'],
    ['forest', 'deciduous-tree', 'Skov', 'Forest', 'skov, skoven, træ, træer, natur, park', 'forest, woods, tree, nature, park'],
    ['museum', 'framed-picture', 'Museum', 'Museum', 'museum, museet, udstilling, kunst, maleri', 'museum, exhibition, art, painting'],
    ['cinema', 'film-projector', 'Biograf', 'Cinema', 'biograf, biografen, film, filmaften', 'cinema, film, movie, film night'],
    ['theatre', 'performing-arts', 'Teater', 'Theatre', 'teater, teatret, forestilling, skuespil', 'theatre, play, show'],
    ['music', 'musical-notes', 'Musik', 'Music', 'musik, musikken, sange, lytte til musik', 'music, songs, listen to music'],
    ['singing', 'microphone', 'Sang', 'Singing', 'sang, synge, fællessang, kor, karaoke', 'singing, sing, choir, karaoke'],
    ['concert', 'guitar', 'Koncert', 'Concert', 'koncert, koncerter, guitar, spille musik, band', 'concert, concerts, guitar, play music, band'],
    ['dance', 'woman-dancing', 'Dans', 'Dance', 'dans, danse, diskotek, bal', 'dance, dancing, disco'],
    ['sport', 'soccer-ball', 'Sport', 'Sport', 'sport, fodbold, bold, boldspil, idræt', 'sport, football, ball, ball games'],
    ['swimming', 'person-swimming', 'Svømning', 'Swimming', 'svømning, svømme, svømmehal, badeland', 'swimming, swim, swimming pool'],
    ['bowling', 'bowling', 'Bowling', 'Bowling', 'bowling, bowle, keglespil', 'bowling, bowl'],
    ['fishing', 'fishing-pole', 'Fisketur', 'Fishing', 'fisketur, fiske, fiskestang, lystfiskeri', 'fishing, fish, fishing rod'],
    ['camping', 'tent', 'Lejrtur', 'Camping', 'lejrtur, camping, telt, overnatning, sommerlejr', 'camping, camp, tent, overnight stay'],
    ['funfair', 'ferris-wheel', 'Tivoli', 'Funfair', 'tivoli, forlystelsespark, karrusel, pariserhjul', 'funfair, amusement park, fair, ferris wheel'],
    ['zoo', 'elephant', 'Zoo', 'Zoo', 'zoo, zoologisk have, dyrepark, dyr', 'zoo, animal park, animals'],
    ['party', 'party-popper', 'Fest', 'Party', 'fest, festen, fester, fejre, sommerfest, arrangement', 'party, parties, celebrate, celebration, event'],
    ['birthday', 'birthday-cake', 'Fødselsdag', 'Birthday', 'fødselsdag, fødselsdage, fødselsdagskage, fylde år', 'birthday, birthdays, birthday cake'],
    ['christmas', 'christmas-tree', 'Jul', 'Christmas', 'jul, julen, juletræ, julefrokost, julefest, december', 'christmas, christmas tree, christmas lunch, december'],
    ['easter', 'hatching-chick', 'Påske', 'Easter', 'påske, påsken, påskefrokost, forår', 'easter, easter lunch, spring'],
    ['new-year', 'fireworks', 'Nytår', 'New Year', 'nytår, nytårsaften, fyrværkeri, nyt år', 'new year, new year’s eve, fireworks'],
    ['present', 'wrapped-gift', 'Gave', 'Present', 'gave, gaver, pakke, overraskelse', 'present, gift, gifts, surprise'],
    ['games', 'game-die', 'Spil', 'Games', 'spil, brætspil, spilleaften, terning, kort', 'games, board games, game night, dice, cards'],
    ['bingo', 'input-numbers', 'Banko', 'Bingo', 'banko, bingo, bankospil, tal', 'bingo, numbers'],
    ['video-games', 'video-game', 'Computerspil', 'Video games', 'computerspil, spillekonsol, playstation, gaming', 'video games, console, gaming'],
    ['reading', 'books', 'Læse', 'Reading', 'læse, læsning, bog, bøger, bibliotek, biblioteket', 'reading, read, book, books, library'],
    ['painting', 'artist-palette', 'Maling', 'Painting', 'maling, male, tegne, kunst, kreativ, kreativt værksted', 'painting, paint, draw, art, creative'],
    ['crafts', 'yarn', 'Håndarbejde', 'Crafts', 'håndarbejde, strikke, hækle, garn, sy', 'crafts, knitting, crochet, yarn, sewing'],
    ['photos', 'camera', 'Fotos', 'Photos', 'fotos, foto, billeder, billede, fotografere, kamera', 'photos, photo, pictures, camera'],
  ],
  health: [
    ['doctor', 'stethoscope', 'Læge', 'Doctor', 'læge, lægen, lægebesøg, sygeplejerske, undersøgelse', 'doctor, gp, nurse, check-up'],
    ['hospital', 'hospital', 'Hospital', 'Hospital', 'hospital, sygehus, hospitalet, sygehuset', 'hospital'],
    ['ambulance', 'ambulance', 'Ambulance', 'Ambulance', 'ambulance, 112, nødsituation, akut', 'ambulance, emergency'],
    ['medicine', 'pill', 'Medicin', 'Medicine', 'medicin, piller, pille, tabletter, apotek, medicinudlevering', 'medicine, pills, pill, tablets, pharmacy'],
    ['dentist', 'tooth', 'Tandlæge', 'Dentist', 'tandlæge, tandlægen, tænder, tand, tandbørste', 'dentist, teeth, tooth, toothbrush'],
    ['glasses', 'glasses', 'Briller', 'Glasses', 'briller, brillerne, optiker, syn, se', 'glasses, spectacles, optician, eyesight'],
    ['hearing-aid', 'ear-with-hearing-aid', 'Høreapparat', 'Hearing aid', 'høreapparat, høre, hørelse, døv', 'hearing aid, hearing, deaf'],
    ['sleep', 'person-in-bed', 'Søvn', 'Sleep', 'søvn, sove, seng, nat, hvile, træt', 'sleep, sleeping, bed, night, rest, tired'],
    ['exercise', 'person-running', 'Motion', 'Exercise', 'motion, bevægelse, bevæge sig, løbe, løbetur', 'exercise, movement, run, running'],
    ['fitness', 'person-lifting-weights', 'Træning', 'Training', 'træning, træne, fitness, styrketræning, fysioterapi', 'training, train, fitness, gym, physiotherapy'],
    ['relax', 'person-in-lotus-position', 'Afslapning', 'Relaxation', 'afslapning, slappe af, yoga, ro, meditation', 'relaxation, relax, yoga, calm'],
    ['psychologist', 'brain', 'Psykolog', 'Psychologist', 'psykolog, psykiater, psykisk, tanker, sind, samtale', 'psychologist, psychiatrist, mental health, mind, talk'],
    ['wellbeing', 'red-heart', 'Trivsel', 'Wellbeing', 'trivsel, have det godt, omsorg, kærlighed, hjerte', 'wellbeing, feeling good, care, love, heart'],
    ['ill', 'face-with-thermometer', 'Syg', 'Ill', 'syg, sygdom, feber, forkølet, influenza', 'ill, sick, illness, fever, cold, flu'],
    ['hurt', 'face-with-head-bandage', 'Ondt', 'Hurt', 'ondt, smerter, skadet, slå sig', 'hurt, pain, injured'],
    ['first-aid', 'adhesive-bandage', 'Førstehjælp', 'First aid', 'førstehjælp, plaster, sår, skade', 'first aid, plaster, wound, injury'],
    ['hygiene', 'soap', 'Hygiejne', 'Hygiene', 'hygiejne, sæbe, vaske hænder, håndvask, håndsprit', 'hygiene, soap, wash hands, hand sanitiser'],
    ['wheelchair', 'manual-wheelchair', 'Kørestol', 'Wheelchair', 'kørestol, kørestole, handicap, hjælpemidler, rollator', 'wheelchair, disability, aids, walker'],
  ],
  rules: [
    ['rules', 'scroll', 'Regler', 'Rules', 'regler, regel, husregler, husorden, retningslinjer', 'rules, rule, house rules, guidelines'],
    ['not-allowed', 'prohibited', 'Forbudt', 'Not allowed', 'forbudt, forbud, ikke tilladt, må ikke', 'not allowed, forbidden, prohibited, ban'],
    ['allowed', 'ok-button', 'Tilladt', 'Allowed', 'tilladt, må gerne, ok, i orden', 'allowed, permitted, ok'],
    ['stop', 'stop-sign', 'Stop', 'Stop', 'stop, stoppe, hold op, stands', 'stop, halt'],
    ['warning', 'warning', 'Pas på', 'Take care', 'pas på, advarsel, fare, forsigtig, farligt', 'take care, warning, danger, careful'],
    ['safety', 'shield', 'Sikkerhed', 'Safety', 'sikkerhed, sikker, beskyttelse, tryghed', 'safety, safe, protection, security'],
    ['fire', 'fire', 'Brand', 'Fire', 'brand, ild, brandalarm, røgalarm, brandfare, stearinlys', 'fire, flames, fire alarm, smoke alarm, candles'],
    ['fire-extinguisher', 'fire-extinguisher', 'Brandslukker', 'Fire extinguisher', 'brandslukker, brandøvelse, slukke, brandsikkerhed', 'fire extinguisher, fire drill, put out, fire safety'],
    ['alarm', 'bell', 'Alarm', 'Alarm', 'alarm, nødkald, kaldeanlæg, klokke, ringe', 'alarm, emergency call, call bell, bell, ring'],
    ['lock', 'locked', 'Lås', 'Lock', 'lås, låse, låst, aflåst, låse døren', 'lock, locked, lock the door'],
    ['privacy', 'locked-with-key', 'Privatliv', 'Privacy', 'privatliv, persondata, data, personlige oplysninger, samtykke', 'privacy, personal data, data, consent'],
    ['confidentiality', 'zipper-mouth-face', 'Tavshedspligt', 'Confidentiality', 'tavshedspligt, hemmelig, fortroligt, lukket punkt, sige videre', 'confidentiality, secret, confidential, closed item'],
    ['smoking', 'cigarette', 'Rygning', 'Smoking', 'rygning, ryge, røg, cigaret, cigaretter, rygeområde, rygeskur', 'smoking, smoke, cigarette, cigarettes, smoking area'],
    ['no-smoking', 'no-smoking', 'Rygning forbudt', 'No smoking', 'rygning forbudt, rygeforbud, røgfri, ikke ryge, røg', 'no smoking, smoke-free, smoking ban'],
    ['alcohol', 'wine-glass', 'Alkohol', 'Alcohol', 'alkohol, alkohol forbudt, vin, øl, spiritus, alkoholfri', 'alcohol, alcohol not allowed, wine, beer, spirits'],
    ['no-phones', 'no-mobile-phones', 'Ingen mobil', 'No phones', 'ingen mobil, mobil forbudt, sluk mobilen, mobiltelefon', 'no phones, no mobile phones, phones off'],
  ],
  people: [
    ['resident', 'person', 'Beboer', 'Resident', 'beboer, beboere, borger, borgere, bruger, brugere, mig, jeg', 'resident, residents, citizen, user, me'],
    ['new-residents', 'hugging-face', 'Nye beboere', 'New residents', 'nye beboere, ny beboer, ny, nye, tage imod, indflytning', 'new residents, new resident, new, welcome'],
    ['relatives', 'people-hugging', 'Pårørende', 'Relatives', 'pårørende, familie, forældre, mor, far, søskende, kram', 'relatives, family, parents, mother, father, siblings, hug'],
    ['family', 'two-hearts', 'Familie', 'Family', 'familie, familien, kærester, kæreste, kærlighed', 'family, partner, boyfriend, girlfriend, love'],
    ['staff', 'health-worker', 'Personale', 'Staff', 'personale, personalet, medarbejder, medarbejdere, pædagog, social- og sundhedsassistent', 'staff, employee, carer, support worker'],
    ['contact-person', 'person-tipping-hand', 'Kontaktperson', 'Key worker', 'kontaktperson, kontaktpædagog, støtteperson, hjælp', 'key worker, contact person, support person, help'],
    ['management', 'office-building', 'Ledelsen', 'Management', 'ledelsen, leder, ledere, forstander, chef, kontor, administration', 'management, manager, head, boss, office, administration'],
    ['caretaker', 'mechanic', 'Vicevært', 'Caretaker', 'vicevært, pedel, teknisk service, håndværker', 'caretaker, janitor, maintenance, handyman'],
    ['teacher', 'teacher', 'Underviser', 'Teacher', 'underviser, lærer, undervisning, kursus, kurser, lære', 'teacher, teaching, course, courses, learn'],
    ['friend', 'smiling-face-with-hearts', 'Ven', 'Friend', 'ven, venner, veninde, venskab, kammerat', 'friend, friends, friendship, mate'],
    ['group', 'raising-hands', 'Gruppe', 'Group', 'gruppe, grupper, hold, fællesskab, sammen, alle', 'group, groups, team, community, together, everyone'],
    ['older-person', 'older-person', 'Ældre', 'Older person', 'ældre, ældre mennesker, senior, pensionist, gammel', 'older person, elderly, senior, pensioner'],
    ['child', 'child', 'Barn', 'Child', 'barn, børn, børnebørn, ung, unge', 'child, children, grandchildren, young people'],
    ['visitor', 'person-standing', 'Gæst', 'Visitor', 'gæst, gæster, besøg, besøgende, gæsteregler', 'visitor, visitors, guest, guests, visit'],
  ],
  time: [
    ['calendar', 'calendar', 'Kalender', 'Calendar', 'kalender, kalenderen, dato, datoer, måned, uge', 'calendar, date, dates, month, week'],
    ['today', 'tear-off-calendar', 'I dag', 'Today', 'i dag, dagen, dags dato', 'today, this day'],
    ['tomorrow', 'sunrise', 'I morgen', 'Tomorrow', 'i morgen, næste dag, morgen, solopgang', 'tomorrow, next day, morning, sunrise'],
    ['evening', 'sunset', 'Aften', 'Evening', 'aften, aftenen, i aften, eftermiddag', 'evening, tonight, afternoon'],
    ['night', 'night-with-stars', 'Nat', 'Night', 'nat, natten, i nat, nattevagt', 'night, tonight, night shift'],
    ['clock', 'mantelpiece-clock', 'Ur', 'Clock', 'ur, klokken, tid, tidspunkt, hvornår', 'clock, time, when, o’clock'],
    ['reminder', 'alarm-clock', 'Husk', 'Remember', 'husk, huske, påmindelse, frist, vækkeur', 'remember, reminder, deadline, alarm clock'],
    ['postponed', 'hourglass-not-done', 'Udsat', 'Postponed', 'udsat, udsætte, vente, venter, senere, ventetid', 'postponed, postpone, wait, waiting, later'],
    ['break', 'pause-button', 'Pause', 'Break', 'pause, pausen, holde pause, frikvarter', 'break, pause, take a break'],
    ['holiday', 'luggage', 'Ferie', 'Holiday', 'ferie, ferien, rejse, kuffert, sommerferie, fri', 'holiday, holidays, travel, suitcase, summer holiday, time off'],
    ['duration', 'stopwatch', 'Varighed', 'Duration', 'varighed, hvor lang tid, minutter, tidsplan', 'duration, how long, minutes, timetable'],
  ],
  communication: [
    ['question', 'red-question-mark', 'Spørgsmål', 'Question', 'spørgsmål, spørge, spørg, spørgsmålet', 'question, questions, ask'],
    ['think-about', 'thinking-face', 'Tænk over', 'Think about', 'tænk over, tænke, overveje, forberede', 'think about, think, consider, prepare'],
    ['idea', 'light-bulb', 'Idé', 'Idea', 'idé, ideer, ide, forslag, forslaget, foreslå', 'idea, ideas, suggestion, proposal, suggest'],
    ['talk', 'speech-balloon', 'Samtale', 'Talk', 'samtale, snakke, tale sammen, drøfte, drøftelse, drøftet, diskutere', 'talk, conversation, discuss, discussion, discussed'],
    ['praise', 'clapping-hands', 'Ros', 'Praise', 'ros, rose, godt gået, klapsalver, klappe', 'praise, well done, applause, clap'],
    ['good', 'thumbs-up', 'Godt', 'Good', 'godt, god, tommel op, tilfreds, synes godt om', 'good, thumbs up, satisfied, like'],
    ['bad', 'thumbs-down', 'Dårligt', 'Bad', 'dårligt, dårlig, tommel ned, utilfreds, synes ikke om', 'bad, thumbs down, dissatisfied, dislike'],
    ['complaint', 'right-anger-bubble', 'Klage', 'Complaint', 'klage, klager, klagen, utilfreds, brokke sig', 'complaint, complain, dissatisfied'],
    ['information', 'information', 'Information', 'Information', 'information, orientering, orientere, info, oplysninger, besked', 'information, briefing, info, message'],
    ['important', 'red-exclamation-mark', 'Vigtigt', 'Important', 'vigtigt, vigtig, husk, obs', 'important, note'],
    ['letter', 'envelope', 'Brev', 'Letter', 'brev, breve, post, invitation, indkaldelse', 'letter, letters, post, mail, invitation'],
    ['email', 'e-mail', 'E-mail', 'Email', 'e-mail, mail, mails, e-post, digital post', 'email, e-mail, mail, digital post'],
    ['phone', 'mobile-phone', 'Telefon', 'Phone', 'telefon, mobil, mobiltelefon, ringe, sms, opkald', 'phone, mobile, call, text message'],
    ['computer', 'laptop', 'Computer', 'Computer', 'computer, pc, bærbar, tablet, ipad, skærm', 'computer, pc, laptop, tablet, screen'],
    ['internet', 'globe-with-meridians', 'Internet', 'Internet', 'internet, internettet, hjemmeside, nettet, online', 'internet, website, web, online'],
    ['wifi', 'wireless', 'Wifi', 'Wi-Fi', 'wifi, trådløst net, netværk, internetforbindelse', 'wifi, wi-fi, wireless, network'],
    ['video-call', 'video-camera', 'Videomøde', 'Video call', 'videomøde, videoopkald, skærmmøde, teams, video', 'video call, video meeting, online meeting, video'],
    ['document', 'page-facing-up', 'Dokument', 'Document', 'dokument, dokumenter, papir, papirer, bilag, bilaget', 'document, documents, paper, papers, attachment'],
    ['notice', 'pushpin', 'Opslag', 'Notice', 'opslag, opslagstavle, opslaget, hænge op', 'notice, notice board, poster'],
    ['write', 'writing-hand', 'Skrive', 'Write', 'skrive, skriv, underskrive, skrive under, underskrift', 'write, sign, signature'],
    ['listen', 'ear', 'Lytte', 'Listen', 'lytte, lyt, høre, hør efter, lytte til hinanden', 'listen, hear, listen to each other'],
    ['look', 'eyes', 'Se', 'Look', 'se, kigge, kig, se på, øjne', 'look, see, watch, eyes'],
    ['help', 'ring-buoy', 'Hjælp', 'Help', 'hjælp, hjælpe, støtte, redningskrans', 'help, support, assistance'],
    ['survey', 'magnifying-glass-tilted-left', 'Undersøgelse', 'Survey', 'undersøgelse, spørgeskema, tilfredshed, tilfredshedsundersøgelse, undersøge, finde ud af', 'survey, questionnaire, satisfaction, find out'],
  ],
  feelings: [
    ['happy', 'smiling-face-with-smiling-eyes', 'Glad', 'Happy', 'glad, glæde, godt humør, smil, tilfreds', 'happy, joy, good mood, smile, pleased'],
    ['so-so', 'neutral-face', 'Så som så', 'So-so', 'så som så, okay, mellem, hverken eller', 'so-so, okay, neither'],
    ['sad', 'crying-face', 'Ked af det', 'Sad', 'ked af det, trist, græde, sorg, skuffet', 'sad, unhappy, cry, grief, disappointed'],
    ['angry', 'angry-face', 'Vred', 'Angry', 'vred, sur, gal, irriteret, vrede', 'angry, cross, annoyed, anger'],
    ['worried', 'worried-face', 'Bekymret', 'Worried', 'bekymret, bekymring, nervøs, urolig, bange', 'worried, worry, nervous, anxious, afraid'],
    ['stressed', 'downcast-face-with-sweat', 'Stresset', 'Stressed', 'stresset, stress, presset, travlt', 'stressed, stress, under pressure, busy'],
    ['safe', 'relieved-face', 'Tryg', 'Safe', 'tryg, tryghed, rolig, lettet, ro', 'safe, secure, calm, relieved'],
    ['tired', 'yawning-face', 'Træt', 'Tired', 'træt, træthed, gabe, søvnig', 'tired, tiredness, yawn, sleepy'],
    ['confused', 'confused-face', 'Forvirret', 'Confused', 'forvirret, forstår ikke, uklart, svært', 'confused, do not understand, unclear, difficult'],
    ['lonely', 'pensive-face', 'Ensom', 'Lonely', 'ensom, ensomhed, alene, savne', 'lonely, loneliness, alone, miss'],
    ['surprised', 'face-with-open-mouth', 'Overrasket', 'Surprised', 'overrasket, overraskelse, wow', 'surprised, surprise, wow'],
  ],
  weather: [
    ['weather', 'sun-behind-cloud', 'Vejret', 'Weather', 'vejret, vejr, vejrudsigt, udsigt', 'weather, forecast'],
    ['sun', 'sun', 'Sol', 'Sun', 'sol, solen, solskin, varmt', 'sun, sunshine, sunny, warm'],
    ['rain', 'cloud-with-rain', 'Regn', 'Rain', 'regn, regner, regnvejr, regntøj, paraply', 'rain, raining, rainy, rainwear, umbrella'],
    ['cloudy', 'cloud', 'Skyer', 'Clouds', 'skyer, sky, overskyet, gråvejr', 'clouds, cloud, cloudy, grey'],
    ['wind', 'leaf-fluttering-in-wind', 'Blæst', 'Wind', 'blæst, blæser, vind, storm', 'wind, windy, storm'],
    ['cold', 'snowflake', 'Koldt', 'Cold', 'koldt, kulde, frost, sne, is', 'cold, frost, snow, ice'],
    ['spring', 'tulip', 'Forår', 'Spring', 'forår, foråret, blomster, tulipan', 'spring, flowers, tulip'],
    ['summer', 'sunflower', 'Sommer', 'Summer', 'sommer, sommeren, solsikke, sommerfest', 'summer, sunflower, summer party'],
    ['autumn', 'fallen-leaf', 'Efterår', 'Autumn', 'efterår, efteråret, blade, høst', 'autumn, fall, leaves, harvest'],
    ['winter', 'snowman', 'Vinter', 'Winter', 'vinter, vinteren, snemand, sne, glat', 'winter, snowman, snow, slippery'],
  ],
  transport: [
    ['bus', 'bus', 'Bus', 'Bus', 'bus, bussen, busser, bustur, offentlig transport', 'bus, buses, bus trip, public transport'],
    ['bus-stop', 'bus-stop', 'Busstoppested', 'Bus stop', 'busstoppested, stoppested, busstop, køreplan', 'bus stop, stop, timetable'],
    ['train', 'train', 'Tog', 'Train', 'tog, toget, togtur, station, banegård', 'train, train trip, station'],
    ['car', 'automobile', 'Bil', 'Car', 'bil, bilen, biler, køre, kørsel, bilture', 'car, cars, drive, driving'],
    ['minibus', 'minibus', 'Flextur', 'Minibus', 'flextur, flextrafik, minibus, handicapkørsel, kørsel, institutionens bus', 'minibus, dial-a-ride, accessible transport, van'],
    ['taxi', 'taxi', 'Taxa', 'Taxi', 'taxa, taxi, taxaen, hyrevogn', 'taxi, cab'],
    ['bicycle', 'bicycle', 'Cykel', 'Bicycle', 'cykel, cykle, cykler, cykeltur, cykelskur', 'bicycle, bike, cycle, cycling, bike shed'],
    ['airplane', 'airplane', 'Fly', 'Plane', 'fly, flyet, flyve, lufthavn, flyrejse', 'plane, aeroplane, fly, airport, flight'],
    ['ferry', 'ferry', 'Færge', 'Ferry', 'færge, færgen, båd, skib, sejltur', 'ferry, boat, ship, boat trip'],
    ['parking', 'p-button', 'Parkering', 'Parking', 'parkering, parkere, p-plads, parkeringsplads, handicapparkering', 'parking, park, car park, parking space'],
    ['ticket', 'ticket', 'Billet', 'Ticket', 'billet, billetter, rejsekort, entré, adgang', 'ticket, tickets, travel card, entry, admission'],
    ['accessible', 'wheelchair-symbol', 'Tilgængelig', 'Accessible', 'tilgængelig, tilgængelighed, handicapvenlig, rampe, niveaufri', 'accessible, accessibility, step-free, ramp'],
  ],
  work: [
    ['work', 'briefcase', 'Arbejde', 'Work', 'arbejde, job, arbejdsplads, beskæftigelse, løn', 'work, job, workplace, employment, wages'],
    ['workshop', 'toolbox', 'Værksted', 'Workshop', 'værksted, værkstedet, værktøj, beskyttet værksted, bygge', 'workshop, tools, sheltered workshop, build'],
    ['education', 'graduation-cap', 'Uddannelse', 'Education', 'uddannelse, skole, stu, højskole, eksamen', 'education, school, college, exam'],
    ['hobby', 'puzzle-piece', 'Hobby', 'Hobby', 'hobby, hobbyer, fritid, interesse, puslespil', 'hobby, hobbies, free time, interest, jigsaw'],
    ['activities', 'bullseye', 'Aktiviteter', 'Activities', 'aktiviteter, aktivitet, aktivitetstilbud, dagtilbud, tilbud, ugeplan', 'activities, activity, day services, weekly plan'],
    ['gardening', 'seedling', 'Havearbejde', 'Gardening', 'havearbejde, så, plante, køkkenhave, grønne områder', 'gardening, sow, plant, vegetable garden, green spaces'],
    ['cleaning-work', 'sponge', 'Rengøringsarbejde', 'Cleaning work', 'rengøringsarbejde, vaske op, opvask, tørre af, pligter, praktiske opgaver', 'cleaning work, washing up, dishes, chores, practical tasks'],
    ['computer-course', 'desktop-computer', 'It-kursus', 'IT course', 'it-kursus, it, computerkursus, lære computer, it-hjælp', 'it course, computer course, it help'],
  ],
}

export const PICTOGRAMS: readonly Pictogram[] = PICTOGRAM_CATEGORIES.flatMap(({ id: category }) =>
  ROWS[category].map(([id, source, da, en, daWords, enWords]) => ({
    id,
    source,
    category,
    da,
    en,
    words: { da: list(daWords), en: list(enWords) },
  })),
)

function list(words: string): string[] {
  return words.split(',').map((word) => word.trim()).filter((word) => word !== '')
}

const byId = new Map(PICTOGRAMS.map((pictogram) => [pictogram.id, pictogram]))

export function pictogramById(id: string): Pictogram | undefined {
  return byId.get(id)
}

/**
 * Lower case, without accents, with æ, ø and å written out the Danish way ("ae", "oe", "aa"),
 * so "Æble", "æble" and "aeble" (typed on a keyboard without æ) find the same picture, and
 * "ide" finds "Idé". Decomposed input (å as a + ring, as some phones send it) is composed first.
 */
function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

interface Indexed {
  pictogram: Pictogram
  name: string
  terms: string[]
  words: string[]
}

const index: Record<'da' | 'en', Indexed[]> = { da: indexFor('da'), en: indexFor('en') }

function indexFor(locale: 'da' | 'en'): Indexed[] {
  return PICTOGRAMS.map((pictogram) => {
    const name = fold(pictogram[locale])
    const terms = [name, ...pictogram.words[locale].map(fold)]
    return { pictogram, name, terms, words: [...new Set(terms.flatMap((term) => term.split(' ')))] }
  })
}

/**
 * Pictograms whose name or search words start with what was typed: every word typed must be
 * the start of one of the pictogram's words. Exact names first, then exact search words, then
 * names starting with the query, then the rest; ties keep the category order.
 */
export function searchPictograms(query: string, locale: 'da' | 'en'): Pictogram[] {
  const q = fold(query)
  if (q === '') return [...PICTOGRAMS]
  const typed = q.split(' ')
  const hits: { pictogram: Pictogram; rank: number; order: number }[] = []
  index[locale].forEach((entry, order) => {
    if (!typed.every((part) => entry.words.some((word) => word.startsWith(part)))) return
    const rank =
      entry.name === q ? 0 : entry.terms.includes(q) ? 1 : entry.name.startsWith(q) ? 2 : 3
    hits.push({ pictogram: entry.pictogram, rank, order })
  })
  return hits.sort((a, b) => a.rank - b.rank || a.order - b.order).map((hit) => hit.pictogram)
}
