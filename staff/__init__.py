"""The commands staff run through make: check the knowledge base, train and roll back models,
check the settings before a start, report what the bot failed on, import annotated questions,
delete old conversations. None of it is loaded by the Rasa server or the action server."""
