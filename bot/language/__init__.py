"""What both servers (and staff's tools) know of Finnish and English, with no Rasa in it:
matching (the knowledge base's names in text: inflections, typos, no accents), detection
(Finnish or English), questions (what a question asks beyond its topic), organisations (another
organisation, programme or person) and phrases (what the bot says in its own words)."""
