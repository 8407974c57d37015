/* placeholder: mempool.c is being written */
