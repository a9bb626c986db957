# Writes a float32 .npy of SHAPE with seeded normal values and one +inf and
# one nan: usage nonfinite.py OUT.npy D0 D1 ... The bad elements are at a
# third and at two thirds of the flat array (distinct pixels for any
# layout of more than a few elements).
import sys

import numpy as np

out, dims = sys.argv[1], [int(d) for d in sys.argv[2:]]
x = np.random.default_rng(7).standard_normal(dims).astype(np.float32)
flat = x.reshape(-1)
flat[flat.size // 3] = np.inf
flat[2 * flat.size // 3] = np.nan
np.save(out, x)
