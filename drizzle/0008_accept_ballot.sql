-- Ballot acceptance (docs/election-protocol.md section 7, src/server/elections/ballots.ts) as one
-- function: one round trip per ballot, planned once per connection instead of once per ballot
-- (planning was over half of a ballot's time in the database), and no retries when many
-- ballots arrive at once (each waits for the election's row lock and appends on the head it finds).
-- The caller has already checked the envelope's form and signature.
--
-- It answers with an outcome and, for an accepted ballot, its board index:
-- accepted (also for the same envelope again), card_used, unknown_card, card_revoked,
-- voting_not_open, voting_closed (the card is then counted as late), enc_reused, no_such_election.
--
-- The entry is stored as its exact canonical JSON (RFC 8785, src/shared/elections/canonical-json.ts):
-- the members of a ballot entry sorted are envelope, index, prev, type; the index is an integer and
-- prev a lowercase hex hash, so the text below is canonicalJson(linkEntry(index, prev, body)) and its
-- SHA-256 in hex is entryHash. The server tests verify every board they build with the protocol's
-- own verifier.
create function accept_ballot(
  p_election uuid, p_card text, p_enc text, p_digest text, p_envelope text, p_now timestamptz
) returns table(outcome text, entry_index integer)
language plpgsql as $$
declare
  e record;
  c record;
  v_index integer;
  v_entry text;
  v_hash text;
begin
  -- The lock comes first and alone: a statement that waited for a row lock still reads the other
  -- tables as they were when it began, so the card's state is read by the next statement, which
  -- (in a function, as in read committed generally) starts after the lock is held and sees every
  -- ballot and revocation committed before it.
  select el.status, el.voting_opens_at, el.voting_closes_at, el.board_head, el.board_length, el.manifest_hash into e
    from elections el where el.id = p_election for update;
  if not found then
    return query select 'no_such_election'::text, null::integer;
    return;
  end if;
  select k.revoked, b.index as cast_index, b.envelope_hash as cast_hash into c
    from election_cards k
    left join election_board b on b.election_id = k.election_id and b.type = 'ballot' and b.card = k.public_key
    where k.election_id = p_election and k.public_key = p_card;
  if not found then
    return query select 'unknown_card'::text, null::integer;
    return;
  end if;
  if c.cast_index is not null then
    return query select (case when c.cast_hash = p_digest then 'accepted' else 'card_used' end)::text, c.cast_index;
    return;
  end if;
  if c.revoked then
    return query select 'card_revoked'::text, null::integer;
    return;
  end if;
  if p_now < e.voting_opens_at then
    return query select 'voting_not_open'::text, null::integer;
    return;
  end if;
  if p_now >= e.voting_closes_at or e.status <> 'open' then
    insert into election_late_cards (election_id, card) values (p_election, p_card) on conflict do nothing;
    return query select 'voting_closed'::text, null::integer;
    return;
  end if;
  v_index := e.board_length;
  v_entry := '{"envelope":' || p_envelope || ',"index":' || v_index || ',"prev":"' || coalesce(e.board_head, e.manifest_hash) || '","type":"ballot"}';
  v_hash := encode(sha256(convert_to(v_entry, 'UTF8')), 'hex');
  -- Under the lock the card has no ballot yet, so only the sealing key's index can refuse.
  insert into election_board (election_id, "index", hash, type, entry, card, enc, envelope_hash)
    values (p_election, v_index, v_hash, 'ballot', v_entry, p_card, p_enc, p_digest)
    on conflict do nothing;
  if not found then
    return query select 'enc_reused'::text, null::integer;
    return;
  end if;
  update elections set board_head = v_hash, board_length = v_index + 1 where id = p_election;
  return query select 'accepted'::text, v_index;
end
$$;
