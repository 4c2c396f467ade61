-- Whether a resident objected with a municipality (art. 21 AVG), as one function that intake calls
-- per signal. A function, and not an EXISTS written into the statements, because PostgreSQL costs
-- an EXISTS per row of the statement's unnest, which it cannot count in a prepared statement's
-- generic plan: the API's prepared insert would then be planned anew for every signal (0.6 ms of
-- database time each). Declared cheap (it is one index probe) and stable (it reads, within the
-- statement's snapshot).
create function resident_objected(p_municipality text, p_subject text, p_surname_key text)
returns boolean language plpgsql stable cost 1 as $$
begin
  return exists (
    select 1 from resident_objections o
     where o.subject_pseudonym = p_subject and o.municipality_code = p_municipality
       and (o.surname_key is null or o.surname_key = p_surname_key));
end
$$;
