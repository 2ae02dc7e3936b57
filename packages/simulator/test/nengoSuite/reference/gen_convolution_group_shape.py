"""Generates convolution_group_shape.json: the output shapes of Nengo 4.1's test_convolution_group_shape.

Rerun with: python3 test/support/nengo/regenerate.py packages/simulator/test/nengoSuite/reference/gen_convolution_group_shape.py

Nengo's test compares nengo.Convolution's output_shape with TensorFlow's conv2d (and its numpy
conv2d_groups with TensorFlow's values). TensorFlow is not installed here, so each case records
Nengo's output_shape and the shape of nengo.builder.transforms.conv2d_groups' result on random
data, which this script checks agree. The values are checked in the test against its own direct
convolution, so only shapes are stored.
"""
import itertools

import numpy as np
from nengo_reference import emit, require_nengo

nengo = require_nengo()
from nengo.builder.transforms import conv2d_groups  # noqa: E402

IN_CHANNELS = 2
rng = np.random.RandomState(0)
cases = []
for padding, stride, k_size, x_mul, groups, out_channels in itertools.product(
    ("same", "valid"), (1, 2), (1, 3), (1, 4), (1, 2), (2, 4)
):
    for i in range(2 * k_size):
        x_size = k_size + stride * (x_mul - 1) + i
        x_shape = (x_size, x_size, IN_CHANNELS)
        k_shape = (k_size, k_size, IN_CHANNELS // groups, out_channels)
        x = rng.uniform(-1, 1, size=x_shape)
        kernel = rng.uniform(-1, 1, size=k_shape)
        y_np = conv2d_groups(x[None, ...], kernel, pad=padding.upper(), stride=(stride, stride))[0]
        transform = nengo.Convolution(
            out_channels, x_shape, kernel_size=(k_size, k_size), strides=(stride, stride), padding=padding, groups=groups
        )
        assert transform.output_shape.shape == y_np.shape, (transform.output_shape.shape, y_np.shape)
        cases.append({
            "padding": padding, "stride": stride, "k_size": k_size, "x_mul": x_mul, "groups": groups,
            "out_channels": out_channels, "input_shape": list(x_shape), "output_shape": list(transform.output_shape.shape),
        })

emit(
    {"in_channels": IN_CHANNELS, "cases": cases},
    description="Nengo 4.1 test_convolution_group_shape: Convolution output shapes (equal to conv2d_groups result shapes)",
)
