"""The whole site as data: the site model, its page list, where the other files go and the public address."""
