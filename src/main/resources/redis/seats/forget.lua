-- ARGV: 3 the server the caller found the state built on, or '' to forget it whatever it is.
-- Forgets the event's state so the next use rebuilds it; conditional, so that of several nodes noticing the same
-- foreign state only the first deletes it, not the rebuild another node made meanwhile.
if ARGV[3] ~= '' and redis.call('HGET', META, 'server') ~= ARGV[3] then return {0} end
redis.call('DEL', SEATS, HOLDS, EXPIRY, OWNERS, USERS, META, EXPIRED)
return {1}
