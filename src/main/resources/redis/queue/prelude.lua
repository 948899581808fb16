-- Shared by every queue script; all keys of one event share the hash tag {wr:ID}.
-- LINE: waiting buyers by score (pre-queue: a random key below 1; later: 1 + join time in ms + jitter below 1)
-- ACTIVE: admitted buyers by admission end (ms); DONE: buyers whose admission ended after buying; META: rate budget
local LINE, ACTIVE, DONE, META = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local NOW, ONSALE = tonumber(ARGV[1]), tonumber(ARGV[2])

local function entry(user)
  if redis.call('SISMEMBER', DONE, user) == 1 then return {'EXPIRED', 0, 0} end
  local untilMs = redis.call('ZSCORE', ACTIVE, user)
  if untilMs then
    if tonumber(untilMs) > NOW then return {'ADMITTED', 0, untilMs} end
    return {'EXPIRED', 0, untilMs}
  end
  local score = redis.call('ZSCORE', LINE, user)
  if score then
    if tonumber(score) < 1 and NOW < ONSALE then
      -- the order is drawn when the sale opens; until then anyone in the pre-queue may be ahead
      return {'WAITING', redis.call('ZCOUNT', LINE, '-inf', '(1'), 0, 1}
    end
    local pre = 0
    if tonumber(score) < 1 then pre = 1 end
    return {'WAITING', redis.call('ZRANK', LINE, user) + 1, 0, pre}
  end
  return nil
end
