-- The fast path of ballot acceptance (src/server/elections/ballots.ts, appendIfUnchanged) as a
-- function, so that PostgreSQL plans its statement once per connection instead of once per
-- ballot: planning was over half of a ballot's time in the database.
--
-- It appends the ballot's board entry, built by the caller on the head it guessed
-- (p_head, p_length), only if the election's row, once locked, still has that head, the statement's
-- snapshot saw the same head (so the card's state it read is current: every change that could
-- alter the answer moves the head under this lock), voting is open at p_now, and the card is
-- on the roll, not revoked and has not voted. It answers with the locked head and the card's
-- state, so the caller can retry on the head as it is or leave the decision to the locked
-- transaction.
create function accept_ballot_fast(
  p_election uuid, p_card text, p_head text, p_length integer, p_now timestamptz,
  p_hash text, p_entry text, p_enc text, p_digest text
) returns table(head text, length integer, appended integer, known boolean, cast_index integer, cast_hash text)
language plpgsql as $$
begin
  return query
    with seen as (
      select e.board_head as head, e.board_length as length from elections e where e.id = p_election
    ), locked as (
      select e.board_head as head, e.board_length as length, e.status, e.voting_opens_at as opens, e.voting_closes_at as closes
      from elections e where e.id = p_election for update
    ), card as (
      select c.revoked, b.index as cast_index, b.envelope_hash as cast_hash
      from election_cards c
      left join election_board b on b.election_id = c.election_id and b.type = 'ballot' and b.card = c.public_key
      where c.election_id = p_election and c.public_key = p_card
    ), fits as (
      select 1 from locked, seen, card
      where locked.head is not distinct from seen.head and locked.length = seen.length
        and locked.head is not distinct from p_head and locked.length = p_length
        and locked.status = 'open' and p_now >= locked.opens and p_now < locked.closes
        and not card.revoked and card.cast_index is null
    ), appended as (
      insert into election_board (election_id, "index", hash, type, entry, card, enc, envelope_hash)
      select p_election, p_length, p_hash, 'ballot', p_entry, p_card, p_enc, p_digest from fits
      on conflict do nothing
      returning election_board."index"
    ), moved as (
      update elections set board_head = p_hash, board_length = p_length + 1
      where elections.id = p_election and exists (select 1 from appended)
    )
    select locked.head, locked.length, (select count(*) from appended)::integer,
      card.revoked is not null, card.cast_index, card.cast_hash
    from locked left join card on true;
end
$$;
