print("typebar")
