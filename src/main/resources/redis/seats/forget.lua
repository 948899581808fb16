-- ARGV: 3 the server the caller found the state built on, or '' to forget it whatever it is.
-- Forgets the event's state so the next use rebuilds it; conditional, so that of several nodes noticing the same
-- foreign state only the first deletes it, not the rebuild another node made meanwhile.
-- The fencing counter and the seq stay: they only ever grow. A rebuild right after another one would otherwise start
-- both from the same database maximum and hand out fences that holds of the first rebuild, still on their way to the
-- database, already carry.
if ARGV[3] ~= '' and redis.call('HGET', META, 'server') ~= ARGV[3] then return {0} end
redis.call('DEL', SEATS, HOLDS, EXPIRY, OWNERS, USERS, EXPIRED)
redis.call('HDEL', META, 'loaded', 'server', 'n0', 'n1', 'n2', 'n3')
return {1}
