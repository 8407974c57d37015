/* placeholder: dmapool.c is being written */
