/* placeholder */
#include "check_util.h"
static Suite *make_suite(void) { Suite *s = suite_create("page_alloc"); return s; }
CHECK_MAIN(make_suite)
