/* placeholder: device.c is being written */
