"""The Rasa server's side facing visitors, loaded by `rasa run` (never by the action server):
channels (REST and the widget; credentials.yml names them) with the widget's files, rate limits,
feedback, deleting a conversation, the tracker store (the endpoints files name it) and Rasa's
patches. Staff's tools use feedback, privacy and the tracker store too."""
