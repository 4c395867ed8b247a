"""The platform feed in (issue 17, rules §14): `importer.import_feed` and its read models."""
