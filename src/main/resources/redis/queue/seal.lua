-- Closes the pre-queue for good once the sale is open: from here on its entries are final.
if NOW >= ONSALE then redis.call('HSET', META, 'sealed', '1') end
return 1
