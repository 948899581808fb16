-- Shared by every queue script; all keys of one event share the hash tag {wr:ID}.
-- LINE: waiting buyers by score (pre-queue: the shuffle's score of the entry id, below 1; later: 1 + join time in ms
-- + jitter below 1); ACTIVE: admitted buyers by admission end (ms); DONE: buyers whose admission ended after buying;
-- META: rate budget, admission count, 'sealed' once the pre-queue is closed for good;
-- ENTRIES: user -> 'entry id,join time ms,1|0 (pre-queue)'; FIRST: user -> 'admission number,ms' of the first
-- admission; ADMITS: epoch second -> admissions in it; REJECTED: reason -> refused requests
local LINE, ACTIVE, DONE, META = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local ENTRIES, FIRST, ADMITS, REJECTED = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local NOW, ONSALE = tonumber(ARGV[1]), tonumber(ARGV[2])

local function entry(user)
  local record = redis.call('HGET', ENTRIES, user)
  if not record then return nil end
  local id, joined, pre = string.match(record, '^([^,]*),([^,]*),(%d)')
  pre = tonumber(pre)
  if redis.call('SISMEMBER', DONE, user) == 1 then return {'EXPIRED', 0, 0, pre, id, joined} end
  local untilMs = redis.call('ZSCORE', ACTIVE, user)
  if untilMs then
    if tonumber(untilMs) > NOW then return {'ADMITTED', 0, untilMs, pre, id, joined} end
    return {'EXPIRED', 0, untilMs, pre, id, joined}
  end
  local score = redis.call('ZSCORE', LINE, user)
  if score then
    if tonumber(score) < 1 and NOW < ONSALE then
      -- the order is decided when the sale opens; until then anyone in the pre-queue may be ahead
      return {'WAITING', redis.call('ZCOUNT', LINE, '-inf', '(1'), 0, pre, id, joined}
    end
    return {'WAITING', redis.call('ZRANK', LINE, user) + 1, 0, pre, id, joined}
  end
  -- in no list: a lapse not yet followed (or never, if its node died): the buyer may join again
  return nil
end

-- From the opening on the pre-queue is closed for good, whatever the clock of the node that comes next.
local function sealIfOpen()
  if NOW >= ONSALE then redis.call('HSET', META, 'sealed', '1') end
end
