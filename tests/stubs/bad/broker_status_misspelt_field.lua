local status = websocket.broker_status()
print(status.stat) --! undefined-field
