/* placeholder: workqueue.c is being written */
