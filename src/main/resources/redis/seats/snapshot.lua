-- {1, seq, seat states} in one round trip, expired holds purged first | {-1} not loaded
if not loaded() then return {-1} end
purge()
local seq = publish()
return {1, seq, redis.call('GET', SEATS)}
