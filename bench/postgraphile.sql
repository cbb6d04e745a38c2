-- The SQL functions PostGraphile needs to answer the benchmark's operations as
-- ours does. Applied by `npm run bench` to isoc_bench_pg, a copy of isoc_bench
-- made for PostGraphile on every run; never to the API's database (these are
-- not migrations: the API does not need them).
--
-- PostGraphile v4 exposes a STABLE function whose first argument is a table row
-- as a field of that table's type ("computed column"): region_member_totals
-- becomes Region.memberTotals(atDate), chapter_membership_history becomes
-- Chapter.membershipHistory(fromDate, toDate).

CREATE TYPE bench_member_totals AS (
  individual_members integer,
  organization_members integer,
  chapter_count integer,
  synthetic boolean
);

-- The same figures as ours' Region.memberTotals(at): each current (not archived)
-- chapter of the region counts with its latest snapshot on or before the date.
CREATE FUNCTION region_member_totals(r region, at_date date) RETURNS bench_member_totals
LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(m.individual_members), 0)::integer,
         coalesce(sum(m.organization_members), 0)::integer,
         count(m.chapter_id)::integer,
         coalesce(bool_or(m.synthetic), false)
    FROM chapter c
   CROSS JOIN LATERAL (
     SELECT ms.chapter_id, ms.individual_members, ms.organization_members, s.synthetic
       FROM membership_snapshot ms JOIN source s ON s.id = ms.source_id
      WHERE ms.chapter_id = c.id AND ms.taken_on <= at_date
      ORDER BY ms.taken_on DESC LIMIT 1
   ) m
   WHERE c.region_id = r.id AND c.archived_at IS NULL
$$;

-- A chapter's snapshots from one date to another (inclusive), oldest first:
-- ours' ChapterMembership.history(from, to).
CREATE FUNCTION chapter_membership_history(c chapter, from_date date, to_date date) RETURNS SETOF membership_snapshot
LANGUAGE sql STABLE AS $$
  SELECT ms.* FROM membership_snapshot ms
   WHERE ms.chapter_id = c.id AND ms.taken_on BETWEEN from_date AND to_date
   ORDER BY ms.taken_on
$$;
