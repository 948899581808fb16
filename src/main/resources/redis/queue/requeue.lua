-- ARGV: 3 user, 4 jitter in [0,1). The buyer goes to the back of the line.
redis.call('ZREM', ACTIVE, ARGV[3])
redis.call('ZADD', LINE, string.format('%.6f', 1 + NOW + tonumber(ARGV[4])), ARGV[3])
return 1
