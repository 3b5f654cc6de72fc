-- Trigram indexes of the merchants' names and VAT numbers, so that the merchants list's search (ILIKE
-- '%…%') reads the merchants containing the text instead of every merchant's name. pg_trgm ships with
-- PostgreSQL and is a trusted extension: the database's owner may create it.

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Merchant_name_trgm_idx" ON "Merchant" USING gin ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Merchant_vatNumber_trgm_idx" ON "Merchant" USING gin ("vatNumber" gin_trgm_ops);
