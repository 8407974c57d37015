/* placeholder: dma-mapping.c is being written */
