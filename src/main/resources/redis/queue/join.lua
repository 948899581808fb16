-- ARGV: 3 user, 4 the shuffle's score of the entry id (below 1), 5 jitter in [0,1), 6 entry id.
-- Returns the entry (existing or new). Once the pre-queue is sealed nobody joins it, whatever the caller's clock.
local found = entry(ARGV[3])
if found then return found end
sealIfOpen()
local pre = NOW < ONSALE and not redis.call('HGET', META, 'sealed')
local score
if pre then score = ARGV[4] else score = string.format('%.6f', 1 + NOW + tonumber(ARGV[5])) end
redis.call('ZADD', LINE, score, ARGV[3])
redis.call('HSET', ENTRIES, ARGV[3], ARGV[6] .. ',' .. ARGV[1] .. ',' .. (pre and '1' or '0'))
return entry(ARGV[3])
