"""Facts: analysed documents -> typed facts (money, compute, partnership, launch, ranking)."""
