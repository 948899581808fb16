-- ARGV: 3 user, 4 random key in [0,1). Returns the entry (existing or new).
local found = entry(ARGV[3])
if found then return found end
local score
if NOW < ONSALE then score = ARGV[4] else score = string.format('%.6f', 1 + NOW + tonumber(ARGV[4])) end
redis.call('ZADD', LINE, score, ARGV[3])
return entry(ARGV[3])
