"""The embed: a server-rendered SVG map for other sites' iframes (works without JavaScript)."""
