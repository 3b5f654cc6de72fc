-- A trigram index of the merchants' names and VAT numbers, so that the merchants list's search reads the
-- merchants containing the text instead of every merchant's name. It indexes the Merchant table's own rows
-- (external content, keyed by rowid) and is kept in step by the triggers below. A search still checks each
-- merchant it finds against the text itself.

-- CreateVirtualTable
CREATE VIRTUAL TABLE "MerchantSearch" USING fts5(
    "name",
    "vatNumber",
    content = 'Merchant',
    content_rowid = 'rowid',
    tokenize = 'trigram'
);

INSERT INTO "MerchantSearch" ("MerchantSearch") VALUES ('rebuild');

-- CreateTrigger
CREATE TRIGGER "Merchant_search_insert" AFTER INSERT ON "Merchant" BEGIN
    INSERT INTO "MerchantSearch" ("rowid", "name", "vatNumber") VALUES (NEW."rowid", NEW."name", NEW."vatNumber");
END;

-- CreateTrigger
CREATE TRIGGER "Merchant_search_delete" AFTER DELETE ON "Merchant" BEGIN
    INSERT INTO "MerchantSearch" ("MerchantSearch", "rowid", "name", "vatNumber")
        VALUES ('delete', OLD."rowid", OLD."name", OLD."vatNumber");
END;

-- CreateTrigger
CREATE TRIGGER "Merchant_search_update" AFTER UPDATE OF "name", "vatNumber" ON "Merchant" BEGIN
    INSERT INTO "MerchantSearch" ("MerchantSearch", "rowid", "name", "vatNumber")
        VALUES ('delete', OLD."rowid", OLD."name", OLD."vatNumber");
    INSERT INTO "MerchantSearch" ("rowid", "name", "vatNumber") VALUES (NEW."rowid", NEW."name", NEW."vatNumber");
END;
