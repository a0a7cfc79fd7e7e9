"""Files for people outside the app: spreadsheets, CSV, papers."""
