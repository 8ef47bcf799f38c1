"""One package per platform: each knows how to parse, render and post for its platform."""
