"""Pure text helpers, no models: how the app writes and reads dates, numbers and names."""
