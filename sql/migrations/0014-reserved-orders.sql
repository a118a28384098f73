-- 0014 is reserved for the orders work on main (migrations may have no gap).
-- This placeholder only lets 0015 apply on the admin-users branch: at the merge, the lead's
-- 0014 replaces this file (delete it then). It changes nothing.
DO 0;
