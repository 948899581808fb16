-- ARGV: 3 user. The buyer's admission is over for good.
redis.call('ZREM', ACTIVE, ARGV[3])
redis.call('SADD', DONE, ARGV[3])
return 1
