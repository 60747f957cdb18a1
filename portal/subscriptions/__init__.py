"""News by e-mail: double opt-in signup, one-click unsubscribe, delivery by a background worker."""
