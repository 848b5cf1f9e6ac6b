"""The Rasa server's NLU pipeline, loaded by every Rasa command that loads a model (`rasa run`,
`rasa shell`, `rasa test`, `rasa train`), never by the action server. config.yml names the
components: tokenizer.FinnishTokenizer, topics.TopicExtractor,
language_detector.LanguageDetector and intent_guard.IntentGuard; graph holds what they share;
fingerprint says when a model must be retrained (`make train`)."""
