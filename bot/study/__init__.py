"""Study: review scheduling (FSRS), the daily rule, scores, and the study flow both shells share."""
