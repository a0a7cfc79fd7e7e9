"""coprod's core: records, rules, change log and exports. No user interface here."""
