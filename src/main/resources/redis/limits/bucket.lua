-- KEYS[1] the bucket; ARGV: capacity, refill (tokens per period), period ms, now ms, tokens, mode
-- mode take: take the tokens if all are there | peek: only tell | give: add them back | reset: fill the bucket
-- returns {ms to wait until the tokens would be there; 0 when they are (taken, for take)}
local capacity, refill, period = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local now, wanted, mode = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
local state = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * refill / period)
  at = now
end
local wait = 0
if mode == 'give' then
  tokens = math.min(capacity, tokens + wanted)
elseif mode == 'reset' then
  tokens = capacity
elseif tokens >= wanted then
  if mode == 'take' then tokens = tokens - wanted end
else
  wait = math.ceil((wanted - tokens) * period / refill)
end
if mode ~= 'peek' then
  -- all 17 digits: a rounded count would lose the trickle that a slow limit (one an hour) refills between calls
  redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'at', at)
  -- a bucket refilled to capacity is as good as none: let Redis forget it then
  redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * period / refill) + 1000)
end
return {wait}
