"""The Kainuun liitto chatbot's own code, by the process that loads it:

- bot.nlu: the Rasa server's NLU pipeline (config.yml names its components);
- bot.web: the Rasa server's channels, widget, limits and tracker store (credentials.yml and
  the endpoints files name them);
- bot.answering: the action server's answers, from reading a question to the reply;
- bot.language: what both servers (and staff's tools) know of Finnish and English: names in
  text, question cues, other organisations, which language, the bot's own phrases;
- bot.knowledge and bot.paths: the knowledge base and the project's paths, shared by all.
"""
