import { Module } from '@nestjs/common';
import { RegisterMatcher } from './register-matcher.service';

/** Biometric matching against the registers; its threshold comes from the global IDENTITY_CONFIG. */
@Module({ providers: [RegisterMatcher], exports: [RegisterMatcher] })
export class MatchingModule {}
