"""Rasa custom actions: thin adapters from trackers to bot.answering.answers."""
