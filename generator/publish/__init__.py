"""Publishing, above the build: releases and the atomic switch, verify of a built tree, tonight's changes from two
API trees, renewal reminders, and evidence link liveness. It never imports Pelican: the build runs as a process."""
