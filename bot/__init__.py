"""The Kainuun liitto chatbot's own code: knowledge base, Finnish NLU components, answers."""
