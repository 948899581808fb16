-- Whoever asks the gateway for an order's refund first takes it until this time: a request thread and the recovery
-- jobs of other nodes must not both ask. A claimant that dies leaves the refund to recovery once the claim runs out.
ALTER TABLE orders ADD COLUMN refund_claimed_until TIMESTAMP WITH TIME ZONE;
