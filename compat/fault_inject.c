/* placeholder: fault_inject.c is being written */
