"""Reports on the decisions for people: validation warnings, readiness for one partner, the trust impact of a change."""
