print("keepalive-lab")
