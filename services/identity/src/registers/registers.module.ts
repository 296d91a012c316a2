import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching/matching.module';
import { IrregularEntriesRepository } from './irregular-entries.repository';
import { RegisterChecksController } from './register-checks.controller';
import { RegisterChecks } from './register-checks.service';
import { ReturnsRegisterController } from './returns-register.controller';
import { ReturnsRegisterRepository } from './returns-register.repository';

/** The registers of returns (R11) and of irregular entries (E4), and the checks against them (the legal route's E4 check reuses them). */
@Module({
  imports: [MatchingModule],
  controllers: [ReturnsRegisterController, RegisterChecksController],
  providers: [ReturnsRegisterRepository, IrregularEntriesRepository, RegisterChecks],
  exports: [ReturnsRegisterRepository, IrregularEntriesRepository, RegisterChecks],
})
export class RegistersModule {}
