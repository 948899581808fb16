-- Closes the pre-queue for good once the sale is open: from here on its entries are final.
sealIfOpen()
return 1
