"""The action server's answers (`rasa run actions`, actions/actions.py), in the order a question
goes through them: reading (the question, once) -> passages and semantics (ranking the
knowledge base's sentences) -> selection (the passages that answer) -> answers (composing the
reply, with verdicts for yes/no and focus for what leads). live_knowledge keeps the knowledge
base as it is on disk."""
