py -m pip install --extra-index-url https://download.pytorch.org/whl/cpu ATTENTION_STEPS_WHEEL_URL
